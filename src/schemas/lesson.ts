import { z } from "astro/zod";
import { reference } from "astro:content";
import { TopicIdSchema } from "./topics";
import { SourceSchema } from "./source";

export const LessonSchema = z.object({
  title: z.string().min(3),
  topic: TopicIdSchema,
  /** Position on the course map; unique across lessons. */
  order: z.number().int().positive(),
  summary: z.string().min(10),
  objectives: z.array(z.string().min(5)).min(1),
  /** Minutes a learner needs to read and try everything. */
  duration: z.number().int().positive(),
  sources: z.array(SourceSchema).min(1),
  deck: reference("decks").optional(),
  exercises: z.array(reference("exercises")).default([]),
});
