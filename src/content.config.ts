import { defineCollection } from "astro:content";
import { glob } from "astro/loaders";
import { LessonSchema } from "./schemas/lesson";
import { DeckSchema } from "./schemas/deck";
import { ExerciseSchema } from "./schemas/exercise";

// Content lives at the top level (not src/) so authors never wade through code.
// SECRETS_LAB_CONTENT points the build at another tree: the schema tests build
// a fixture with a broken field and assert the error names file and field.
const root = process.env.SECRETS_LAB_CONTENT ?? "./content";

export const collections = {
  lessons: defineCollection({
    loader: glob({ pattern: "**/*.mdx", base: `${root}/lessons` }),
    schema: LessonSchema,
  }),
  decks: defineCollection({
    loader: glob({ pattern: "**/*.md", base: `${root}/decks` }),
    schema: DeckSchema,
  }),
  exercises: defineCollection({
    loader: glob({ pattern: "**/*.md", base: `${root}/exercises` }),
    schema: ExerciseSchema,
  }),
};
