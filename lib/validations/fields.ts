// What the forms render (field lengths, choices, labels), kept apart from the zod schemas that use
// the same values: a form can render without shipping zod, which loads only when it validates
// (components/forms/lazy-schema.ts), and the browser's limits and the server's never disagree.
export const CUSTOMER_LIMITS = { name: 200, email: 254, phone: 40, company: 200, street: 200, postcode: 16, city: 100, country: 2 } as const;
export const CURRENCIES = ["USD", "EUR", "GBP"] as const;
export const TICKET_LIMITS = { title: 200, details: 500 } as const;
/** The expiries the "New token" form offers, in days; the schema accepts any whole number from 1 to 365. */
export const TOKEN_EXPIRY_DAYS = [7, 30, 90, 365] as const;
