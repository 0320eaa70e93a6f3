import { z } from "astro/zod";

/**
 * The course's topics, in teaching order. A lesson, a deck and exercises name
 * one of these, so a typo in frontmatter fails the build instead of silently
 * creating a topic nobody links to.
 */
export const TOPIC_IDS = [
  "why-secrets",
  "env-vars",
  "file-mounts",
  "swarm-compose",
  "buildkit",
  "azure-key-vault",
  "aws-secrets-manager",
  "gcp-secret-manager",
  "hashicorp-vault",
  "kubernetes-secrets",
  "sops",
] as const;

export const TopicIdSchema = z.enum(TOPIC_IDS);
export type TopicId = z.infer<typeof TopicIdSchema>;
