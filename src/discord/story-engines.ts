import type { Channel, ChatInputCommandInteraction } from 'discord.js';
import type { Logger } from 'pino';
import type { EngineConfig } from '../config';
import type { Story } from '../corpus/stories';
import { forStory, openEngine, warmEngine } from '../engine';
import { logBuildProgress } from '../engine/progress';
import type { ChannelSettingsStore } from '../storage';
import { EngineHolder, type EngineHolderOptions } from './engine-holder';

/**
 * One engine holder per story, opened the first time a channel asks about that story (the
 * default story's at start-up), so a server following several stories answers each channel
 * from its own story's index.
 */
export class StoryEngines {
  private readonly holders = new Map<string, Promise<EngineHolder>>();
  /** The holders already open, for handlers that must answer without waiting (within Discord's 3 s). */
  private readonly ready = new Map<string, EngineHolder>();

  constructor(
    readonly stories: readonly Story[],
    readonly defaultStory: Story,
    defaultHolder: EngineHolder,
    private readonly settings: EngineConfig,
    private readonly log: Logger,
    /** What every story's holder is opened with (the default story's holder was given the same). */
    private readonly holderOptions: EngineHolderOptions,
    /** Channel → story bindings (`/story set`); null when the bot runs without its database. */
    readonly channels: ChannelSettingsStore | null,
  ) {
    this.holders.set(defaultStory.id, Promise.resolve(defaultHolder));
    this.ready.set(defaultStory.id, defaultHolder);
  }

  /** The story's engine holder if it is open already, else null (then `holder()` opens it). */
  openNow(story: Story): EngineHolder | null {
    return this.ready.get(story.id) ?? null;
  }

  /** The story a channel asks about: its binding (a thread takes its parent's), else the default. */
  storyOf(channelId: string | null, parentId: string | null = null): Story {
    for (const id of [channelId, parentId]) {
      if (!id || !this.channels) continue;
      const bound = this.channels.get(id).storyId;
      const story = bound && this.stories.find((s) => s.id === bound);
      if (story) return story;
    }
    return this.defaultStory;
  }

  /** The story of the channel an interaction or message came from (a thread asks about its parent's). */
  storyOfChannel(channel: Channel | null, channelId: string | null): Story {
    const parentId = channel && 'isThread' in channel && channel.isThread() ? channel.parentId : null;
    return this.storyOf(channelId, parentId);
  }

  /** The engine holder for that channel's story. */
  holderOfChannel(channel: Channel | null, channelId: string | null): Promise<EngineHolder> {
    return this.holder(this.storyOfChannel(channel, channelId));
  }

  /**
   * The channel's story engine for a command that replies at once from the loaded index: when
   * that story's index is not open yet (it may have to be built), the interaction is deferred
   * first, so Discord's 3 s are kept.
   */
  async holderReplyingTo(interaction: ChatInputCommandInteraction): Promise<EngineHolder> {
    const story = this.storyOfChannel(interaction.channel, interaction.channelId);
    const ready = this.openNow(story);
    if (ready) return ready;
    await interaction.deferReply();
    return this.holder(story);
  }

  /**
   * The story a command is about: its `story` option when given (undefined when no story has
   * that id), else the channel's.
   */
  storyOfCommand(interaction: ChatInputCommandInteraction): Story | undefined {
    const chosen = interaction.options.getString('story');
    return chosen ? this.find(chosen) : this.storyOfChannel(interaction.channel, interaction.channelId);
  }

  find(id: string): Story | undefined {
    return this.stories.find((s) => s.id === id);
  }

  /** The engine holder of a story, opening (and, if needed, building) its index the first time. */
  holder(story: Story): Promise<EngineHolder> {
    let holder = this.holders.get(story.id);
    if (!holder) {
      holder = this.open(story).then((opened) => {
        this.ready.set(story.id, opened);
        return opened;
      });
      // A story whose index cannot be opened is retried next time, not cached as failed.
      holder.catch(() => this.holders.delete(story.id));
      this.holders.set(story.id, holder);
    }
    return holder;
  }

  /** Every holder opened so far. */
  async opened(): Promise<EngineHolder[]> {
    const settled = await Promise.allSettled(this.holders.values());
    return settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  }

  /** For shutdown: cancels running rebuilds (true if there was one). */
  async cancelRebuilds(): Promise<boolean> {
    let any = false;
    for (const holder of await this.opened()) {
      if (holder.rebuildStartedAt === null) continue;
      any = true;
      holder.cancelRebuild();
    }
    return any;
  }

  /** Closes every encoder in use, each once (stories share one when they can). */
  async close(): Promise<void> {
    const embedders = new Set((await this.opened()).map((holder) => holder.current.embedder));
    await Promise.all([...embedders].map((embedder) => embedder.close().catch(() => undefined)));
  }

  private async open(story: Story): Promise<EngineHolder> {
    const { settings } = forStory(this.settings, story.id);
    // Stories share the default story's encoder when their indexes were built with the same model.
    const { embedder } = (await this.holders.get(this.defaultStory.id)!).current;
    const { engine } = await openEngine({ settings, log: this.log, onBuildProgress: logBuildProgress(this.log), embedder });
    await warmEngine(engine);
    this.log.info({ story: story.id, documents: engine.index.manifest.counts.documents }, `story ${story.id} ready`);
    return new EngineHolder(engine, settings, this.log, this.holderOptions);
  }
}
