/*
 * Plain-text helpers for the admin page: split a textarea into lines, show an API time stamp.
 */

/** The non-blank lines of `text` (a trailing carriage return dropped from each). */
export function lines(text) {
  return text.split("\n").map((line) => line.replace(/\r$/, "")).filter((line) => line.trim() !== "");
}

/** An ISO time stamp as "YYYY-MM-DD HH:MM:SS UTC" (the input unchanged if it is not a time). */
export function formatTime(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC");
}
