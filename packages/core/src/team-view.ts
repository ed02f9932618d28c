import { z } from 'zod';

/** A view to share with the team, as POST /api/views takes it. */
export const TeamViewInputSchema = z.object({
  name: z.string().trim().min(1, 'the view needs a name').max(80, 'the name is longer than 80 characters'),
  /** The dashboard's query string: empty (every story) or `?country=FR&range=7d`. */
  search: z
    .string()
    .max(4_000, 'the view is longer than 4,000 characters')
    .regex(/^(\?[^\s#]*)?$/, 'the view is a dashboard query string: empty, or starting with ? and without spaces'),
});
export type TeamViewInput = z.infer<typeof TeamViewInputSchema>;

/** A dashboard view everyone who opens this installation sees, under its name. */
export const TeamViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  search: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TeamView = z.infer<typeof TeamViewSchema>;
