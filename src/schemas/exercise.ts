import { z } from "astro/zod";
import { reference } from "astro:content";
import { TopicIdSchema } from "./topics";

/**
 * First version of the exercise format: a statement (the entry body), ordered
 * hints and a worked solution. The graded sandbox scenario is added by the
 * grading engine's issue.
 */
export const ExerciseSchema = z.object({
  title: z.string().min(3),
  topic: TopicIdSchema,
  lesson: reference("lessons"),
  order: z.number().int().positive(),
  difficulty: z.enum(["starter", "practice", "challenge"]),
  duration: z.number().int().positive(),
  hints: z.array(z.string().min(5)).min(2, "an exercise needs at least two hints"),
  solution: z.string().min(10),
});
