import * as z from "zod/mini";

const email = z.pipe(
  z.string().check(z.trim(), z.minLength(1, "Enter your email address."), z.maxLength(254, "That email address is too long.")),
  z.email("Enter a valid email address, like name@example.com."),
);

export const signUpSchema = z.object({
  email,
  password: z.string().check(z.minLength(10, "Use at least 10 characters."), z.maxLength(200, "Use at most 200 characters.")),
});
export type SignUpInput = z.infer<typeof signUpSchema>;

export const signInSchema = z.object({
  email,
  password: z.string().check(z.minLength(1, "Enter your password."), z.maxLength(200, "Use at most 200 characters.")),
});

/** Email addresses are compared case-insensitively everywhere. */
export const normaliseEmail = (value: string) => value.trim().toLowerCase();
