/** Configuration, validated at start-up: one place for every setting (see .env.example). */
export * from './config';
