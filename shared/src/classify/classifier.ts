import type { z } from 'zod';
import type { ScoredLabelSchema } from '../model/decision';

export type ScoredLabel = z.infer<typeof ScoredLabelSchema>;

/**
 * A trained text classifier (request type / category). The core only needs `predict`; training, calibration
 * and serialisation live beside the implementation.
 */
export interface Classifier {
  /** Identifies the trained model in every decision it contributes to (`versions.model`). */
  readonly version: string;
  /** Calibrated probabilities over all labels, highest first. */
  predict(text: { summary: string; description: string }): ScoredLabel[];
}
