// Prisma errors by code rather than by class: with PostgreSQL the app runs a
// second generated client (node_modules/.prisma/client-postgres) whose error
// classes are not the ones `@prisma/client` exports, so `instanceof` misses them.
export function isUniqueViolation(error: unknown): boolean {
  return (
    (typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002") ||
    (error instanceof Error && /UNIQUE constraint failed|duplicate key value/i.test(error.message))
  );
}
