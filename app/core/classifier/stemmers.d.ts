// natural ships no declarations for its individual stemmer files, and we import
// them by path on purpose (the package root loads .env files and 90 MB, see
// PLATFORM-NOTES.md), so we declare the one method we use.
declare module "natural/lib/natural/stemmers/porter_stemmer.js" {
  const stemmer: { stem(token: string): string };
  export default stemmer;
}
declare module "natural/lib/natural/stemmers/porter_stemmer_es.js" {
  const stemmer: { stem(token: string): string };
  export default stemmer;
}
declare module "natural/lib/natural/stemmers/porter_stemmer_fr.js" {
  const stemmer: { stem(token: string): string };
  export default stemmer;
}
