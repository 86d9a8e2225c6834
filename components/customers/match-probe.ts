/** What the customer form asks the near-match check about while the user types. */
export interface MatchProbe {
  name: string;
  email: string;
  phone: string;
  company: string;
  street: string;
  postcode: string;
  city: string;
  country: string;
  exclude: string;
}

/** Worth asking only once the name has a few letters or the email looks like one. */
export const isPlausibleProbe = (p: MatchProbe) => p.name.trim().length >= 3 || /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(p.email.trim());
