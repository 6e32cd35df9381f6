/**
 * A bundled list of common and breached-style passphrases (NIST SP 800-63B §5.1.1.2 asks verifiers to
 * refuse values from breach corpuses and dictionary words). Short classics are included because people
 * pad them ("password" × 2, "qwerty" + "123456789"); see isCommonPassword for how they are matched.
 */
export const COMMON_PASSWORDS: readonly string[] = [
  "password",
  "passw0rd",
  "p@ssw0rd",
  "p@ssword",
  "123456",
  "12345678",
  "123456789",
  "1234567890",
  "qwerty",
  "qwertyuiop",
  "asdfghjkl",
  "zxcvbnm",
  "qwertyuiopasdfghjkl",
  "1qaz2wsx3edc4rfv",
  "1q2w3e4r5t6y7u8i",
  "abc123",
  "111111",
  "000000",
  "iloveyou",
  "letmein",
  "welcome",
  "monkey",
  "dragon",
  "football",
  "baseball",
  "sunshine",
  "princess",
  "master",
  "shadow",
  "superman",
  "batman",
  "trustno1",
  "whatever",
  "starwars",
  "freedom",
  "hello",
  "charlie",
  "donald",
  "jordan23",
  "michael",
  "mustang",
  "access",
  "admin",
  "administrator",
  "login",
  "changeme",
  "default",
  "secret",
  "ninja",
  "azerty",
  "solo",
  "loveme",
  "flower",
  "hottie",
  "cheese",
  "computer",
  "internet",
  "samsung",
  "google",
  "pokemon",
  "liverpool",
  "chelsea",
  "arsenal",
  "soccer",
  "hockey",
  "summer",
  "winter",
  "spring",
  "autumn",
  "hospital",
  "healthcare",
  "nurse",
  "doctor",
  "medical",
  "clinical",
  "security",
  "cybersecurity",
  "infusion",
  "biomed",
  "lakeside",
  "clearline",
  "correcthorsebatterystaple",
  "passwordpassword",
  "password123456",
  "password1234567",
  "passwordpassword1",
  "iloveyouiloveyou",
  "qwertyqwertyqwerty",
  "abcdefghijklmnop",
  "abcdefghijklmnopqrstuvwxyz",
  "01234567890123456789",
  "123456789012345",
  "1234567890123456",
  "123123123123123",
  "112233445566778899",
  "987654321987654321",
  "thequickbrownfox",
  "thequickbrownfoxjumpsoverthelazydog",
  "letmeinletmein",
  "welcomewelcome",
  "welcome123456789",
  "changemechangeme",
  "administrator123",
  "adminadminadmin",
  "rootrootroot",
  "mypasswordis",
  "thisismypassword",
  "mysecretpassword",
  "supersecretpassword",
  "verysecurepassword",
  "strongpassword",
  "strongpassword123",
  "securepassword",
  "securepassword123",
  "password1password1",
  "summer2024summer",
  "winter2025winter",
  "spring2026spring",
  "january2026",
  "december2025",
  "ilovemyfamily",
  "ilovemykids",
  "ilovemydog",
  "ilovemycat",
  "godisgood",
  "jesuslovesme",
];

/** NFKC, lower-case, common letter substitutions undone, non-alphanumerics dropped. */
export function normalizeForComparison(pw: string): string {
  return pw
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[@4]/g, "a")
    .replace(/3/g, "e")
    .replace(/[1!|]/g, "i")
    .replace(/0/g, "o")
    .replace(/[$5]/g, "s")
    .replace(/7/g, "t")
    .replace(/[^a-z0-9]/g, "");
}

const NORMALIZED = new Set(COMMON_PASSWORDS.map(normalizeForComparison));
const KEYBOARD_RUNS = [
  "qwertyuiop",
  "asdfghjkl",
  "zxcvbnm",
  "qwertyuiopasdfghjklzxcvbnm",
  "1qaz2wsx3edc4rfv5tgb6yhn7ujm",
  "1234567890",
  "abcdefghijklmnopqrstuvwxyz",
  "0987654321",
];

/**
 * True when the passphrase is on the list, is built only from repetitions of one short unit
 * ("abcabcabc…"), is a keyboard or alphabet run, or is a listed word padded with digits/years.
 */
export function isCommonPassword(pw: string): boolean {
  const n = normalizeForComparison(pw);
  if (n.length === 0) return true;
  if (NORMALIZED.has(n)) return true;
  // One short unit repeated: "aaaaaaaaaaaaaaa", "abcabcabcabcabc", "passwordpassword"
  for (let unit = 1; unit <= Math.min(8, n.length / 2); unit++) {
    if (n.length % unit === 0 && n.slice(0, unit).repeat(n.length / unit) === n) return true;
  }
  // Keyboard and alphabet runs, possibly repeated
  const raw = pw.toLowerCase().replace(/\s/g, "");
  if (KEYBOARD_RUNS.some((run) => (run + run + run).includes(raw) || raw.split(run).join("") === "")) return true;
  // A listed word with digits or a year stuck on: "password2026!!!!", "123456welcome"
  const letters = n.replace(/[0-9]/g, "");
  if (letters.length > 0 && NORMALIZED.has(letters)) return true;
  const stripped = n.replace(/^[0-9]+|[0-9]+$/g, "");
  if (stripped.length > 0 && NORMALIZED.has(stripped)) return true;
  // The same without undoing substitutions: "welcome2026!!!!!!" is "welcome" plus padding.
  const plainLetters = pw
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^a-z]/g, "");
  return plainLetters.length > 0 && NORMALIZED.has(plainLetters);
}
