/**
 * Moves focus to the first invalid control of a form, so keyboard and screen-reader users
 * land on the field that needs fixing; its mat-error is read as its description.
 * Returns false when every control is valid.
 */
export function focusFirstInvalid(form: HTMLElement): boolean {
  const invalid = form.querySelector<HTMLElement>(
    'input.ng-invalid, textarea.ng-invalid, select.ng-invalid',
  );
  invalid?.focus();
  return invalid !== null;
}
