// zod's own message is a multi-line JSON dump; users and logs need one line.
import type { z } from 'zod';

/** "field.path: problem; other: problem" */
export function formatZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      return path === '' ? issue.message : `${path}: ${issue.message}`;
    })
    .join('; ');
}
