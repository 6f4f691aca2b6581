import axe from 'axe-core';

/** The rule sets the portal must pass: WCAG 2.0–2.2 A/AA plus axe's best practices. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/**
 * Runs axe on a rendered fixture and returns "rule: target" lines for every violation, so a
 * failing expectation names what to fix. `disabledRules` is for page-level rules (such as
 * `region`) that cannot pass on a component rendered without the shell around it.
 */
export async function axeViolations(
  element: Element,
  disabledRules: readonly string[] = [],
): Promise<string[]> {
  const rules = Object.fromEntries(disabledRules.map((rule) => [rule, { enabled: false }]));
  const results = await axe.run(element, { runOnly: { type: 'tag', values: TAGS }, rules });
  return results.violations.flatMap((violation) =>
    violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`),
  );
}
