import { getCollection, type CollectionEntry } from "astro:content";

export type Lesson = CollectionEntry<"lessons">;
export type Deck = CollectionEntry<"decks">;
export type Exercise = CollectionEntry<"exercises">;

/** One topic on the course map: its lesson, the deck that presents it, its exercises. */
export interface CourseTopic {
  lesson: Lesson;
  deck: Deck | undefined;
  exercises: Exercise[];
}

/**
 * Assembles the course in teaching order and checks the cross-links both ways,
 * so a deck that names a lesson which does not name it back fails the build
 * rather than leaving an instructor with a one-way link.
 */
export async function loadCourse(): Promise<CourseTopic[]> {
  const [lessons, decks, exercises] = await Promise.all([
    getCollection("lessons"),
    getCollection("decks"),
    getCollection("exercises"),
  ]);
  lessons.sort((a, b) => a.data.order - b.data.order);

  const seenOrders = new Map<number, string>();
  for (const lesson of lessons) {
    const clash = seenOrders.get(lesson.data.order);
    if (clash) throw new Error(`lessons "${clash}" and "${lesson.id}" both have order ${lesson.data.order}; each lesson needs its own place on the course map`);
    seenOrders.set(lesson.data.order, lesson.id);
  }

  return lessons.map((lesson) => {
    const deck = lesson.data.deck ? decks.find((d) => d.id === lesson.data.deck?.id) : undefined;
    if (lesson.data.deck && !deck) throw new Error(`lesson "${lesson.id}" names deck "${lesson.data.deck.id}", which does not exist in content/decks`);
    if (deck && deck.data.lesson.id !== lesson.id) throw new Error(`deck "${deck.id}" links lesson "${deck.data.lesson.id}" but lesson "${lesson.id}" links the deck: make them agree`);
    const mine = lesson.data.exercises.map((ref) => {
      const ex = exercises.find((e) => e.id === ref.id);
      if (!ex) throw new Error(`lesson "${lesson.id}" lists exercise "${ref.id}", which does not exist in content/exercises`);
      return ex;
    });
    mine.sort((a, b) => a.data.order - b.data.order);
    return { lesson, deck, exercises: mine };
  });
}

export const lessonHref = (id: string) => `${import.meta.env.BASE_URL}lessons/${id}/`;
export const deckHref = (id: string) => `${import.meta.env.BASE_URL}decks/${id}/`;
export const exerciseHref = (id: string) => `${import.meta.env.BASE_URL}exercises/${id}/`;
