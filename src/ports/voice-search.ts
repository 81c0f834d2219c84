/** A search result as the voice-node's `GET /search` describes it. */
export interface TrackSuggestion {
  title: string;
  author: string;
  uri: string | null;
  /** 0 for live streams. */
  lengthMs: number;
}

/** The voice-node's search (Lavalink behind it), for `/music play` suggestions. */
export interface VoiceSearch {
  /** Tracks for a search or URL, best first. Rejects when the voice-node cannot answer. */
  search(query: string): Promise<TrackSuggestion[]>;
}
