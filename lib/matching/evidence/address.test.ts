import assert from "node:assert/strict";
import { test } from "node:test";
import { addressKeys, addressParts, compareAddresses, differentCountries } from "./address.ts";

const home = { street: "12 St James's Square", postcode: "SW1Y 4JH", city: "London", country: "GB" };

test("an address is read into its house number, street words, postcode and town", () => {
  assert.deepEqual(addressParts({ street: "Flat 3, 12a Tonks Pl.", postcode: "sw1y-4jh", city: " St. Albans ", country: "gb" }), {
    number: "3",
    street: "tonks place",
    postcode: "SW1Y4JH",
    city: "st albans",
    country: "GB",
  });
  assert.equal(addressParts({ street: "12a Tonks Pl" }).number, "12a");
});

test("addresses compare in grades, and a postcode typo in the same town is still the same house", () => {
  assert.equal(compareAddresses(home, { street: "12 St. James Sq", postcode: "SW1Y 4JH" }), "same");
  assert.equal(compareAddresses(home, { street: "12 St James's Square", postcode: "SW1Y 4JJ", city: "London" }), "same", "postcode typo");
  assert.equal(compareAddresses(home, { street: "14 St James's Square", postcode: "SW1Y 4JH" }), "same-street");
  assert.equal(compareAddresses(home, { street: "1 Pall Mall", postcode: "SW1Y 4JH" }), "same-area");
  assert.equal(compareAddresses(home, { street: "12 High Street", postcode: "OX1 2AB", city: "Oxford" }), "different");
  assert.equal(
    compareAddresses(home, { street: "12 St James's Square", postcode: "OX1 2AB", city: "Oxford" }),
    "different",
    "same street name in another town",
  );
  assert.equal(compareAddresses(home, {}), null, "nothing to compare");
  assert.equal(compareAddresses({ country: "GB" }, { country: "GB" }), null, "a country alone is not an address");
});

test("two countries are told apart only when both are given", () => {
  assert.equal(differentCountries(home, { country: "fr" }), true);
  assert.equal(differentCountries(home, { country: "gb" }), false);
  assert.equal(differentCountries(home, {}), false);
});

test("an address is found by its house in its postcode and on its street, never by a street or postcode alone", () => {
  assert.deepEqual(addressKeys(home), ["a:SW1Y4JH 12", "a:street jamess square 12"]);
  assert.deepEqual(addressKeys({ street: "St James's Square", postcode: "SW1Y 4JH" }), []);
  const typo = addressKeys({ street: "12 St James's Square", postcode: "SW1Y 4JJ" });
  assert.ok(
    typo.some((k) => addressKeys(home).includes(k)),
    "a postcode typo keeps the street key",
  );
});
