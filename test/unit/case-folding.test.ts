// Case folding maps a few non-ASCII letters onto ASCII ones. Inputs the OpenAPI patterns refuse must be
// refused by the code too, instead of being folded into a valid-looking value.
import { CountryCode, Domain } from '../../shared/platform/schemas';
import { globalRegistry } from '../../shared/platform/zod';

describe('country codes and domains are checked before their case is folded', () => {
  it.each(['ſe', 'ſE', 'ıT', 'İT'])('refuses the country code %s', (raw) => {
    expect(CountryCode.safeParse(raw).success).toBe(false);
  });

  it.each([['se', 'SE'], ['Us', 'US']])('accepts %s as %s', (raw, kept) => {
    expect(CountryCode.parse(raw)).toBe(kept);
  });

  it.each(['\u212Aelvin.example', 'contoſo.com', 'İstanbul.example'])('refuses the domain %s', (raw) => {
    expect(Domain.safeParse(raw).success).toBe(false);
  });

  it('accepts a domain in any case with white space around it', () => {
    expect(Domain.parse('  Contoso.OnMicrosoft.com ')).toBe('contoso.onmicrosoft.com');
  });

  it('keeps the pattern it documents equal to the one it checks', () => {
    const pattern = new RegExp(globalRegistry.get(Domain)?.pattern as string);
    for (const raw of ['contoso.com', ' A.b.co ', '\u212Aelvin.example']) expect(pattern.test(raw)).toBe(Domain.safeParse(raw).success);
  });
});
