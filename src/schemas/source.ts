import { z } from "astro/zod";

/** A citation: every fact a lesson states that is not common knowledge links one. */
export const SourceSchema = z.object({
  title: z.string().min(3),
  url: z.url({ protocol: /^https$/, message: "must be an https:// URL to the official source" }),
  /** What the source backs up, shown next to the link so a reader knows why to open it. */
  note: z.string().optional(),
});
export type Source = z.infer<typeof SourceSchema>;
