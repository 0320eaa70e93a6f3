import { z } from "astro/zod";
import { reference } from "astro:content";
import { TopicIdSchema } from "./topics";

export const DeckSchema = z.object({
  title: z.string().min(3),
  topic: TopicIdSchema,
  lesson: reference("lessons"),
  /** Minutes the instructor should plan for. */
  duration: z.number().int().positive(),
  /** reveal.js transition; "none" suits projectors that smear animation. */
  transition: z.enum(["none", "fade", "slide"]).default("fade"),
});
