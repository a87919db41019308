// 法人番号 (the 13-digit number 国税庁 assigns to every corporation, national body and local
// government): its first digit is a check digit computed from the other twelve (the 基礎番号), as
// 法人番号の指定等に関する省令 (平成26年財務省令第70号) 第2条 defines it. Pure.

/** The check digit of a 12-digit 基礎番号: 9 − (Σ Pn × Qn mod 9), where Pn is the n-th digit counted
 * from the right (n = 1 is the last digit) and Qn is 1 for odd n and 2 for even n. Always 1–9. */
export function corporateCheckDigit(base: string): number {
  if (!/^\d{12}$/.test(base)) throw new Error(`基礎番号は 12 桁の数字です: ${base}`);
  let sum = 0;
  for (let n = 1; n <= 12; n++) sum += Number(base[12 - n]) * (n % 2 === 1 ? 1 : 2);
  return 9 - (sum % 9);
}

/** A 法人番号: 13 digits whose first digit is the check digit of the other twelve. */
export function isCorporateNumber(value: string): boolean {
  return /^\d{13}$/.test(value) && corporateCheckDigit(value.slice(1)) === Number(value[0]);
}
