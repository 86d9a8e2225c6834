import { z } from "zod";

const email = z
  .string()
  .trim()
  .min(1, "Enter your email address.")
  .max(254, "That email address is too long.")
  .pipe(z.email("Enter a valid email address, like name@example.com."));

export const signUpSchema = z.object({
  email,
  password: z
    .string()
    .min(10, "Use at least 10 characters.")
    .max(200, "Use at most 200 characters."),
});
export type SignUpInput = z.infer<typeof signUpSchema>;

export const signInSchema = z.object({
  email,
  password: z.string().min(1, "Enter your password.").max(200, "Use at most 200 characters."),
});
export type SignInInput = z.infer<typeof signInSchema>;

/** Email addresses are compared case-insensitively everywhere. */
export const normaliseEmail = (value: string) => value.trim().toLowerCase();
