import { maskEmail, maskEmailsIn, maskPhone, maskText } from './mask-personal-value';

describe('masking personal values', () => {
  it.each([
    ['john.doe@contoso.com', 'j***@c***.com'],
    ['Test_User_1@testuser.onmicrosoft.com', 'T***@t***.com'],
    ['éloïse@exemple.fr', 'é***@e***.fr'],
    ['admin@localhost', 'a***@l***'],
    ['not-an-email', 'no***'],
  ])('should mask the email %s as %s', (email, masked) => {
    expect(maskEmail(email)).toBe(masked);
  });

  it.each([
    ['John', 'Jo***'],
    ['Li', 'L***'],
    ['J', 'J***'],
    ['', ''],
    ['Ólafur', 'Ól***'],
  ])('should mask the text %j as %j', (text, masked) => {
    expect(maskText(text)).toBe(masked);
  });

  it.each([
    ['+33 6 12 34 56 78', '***78'],
    ['123', '***'],
  ])('should mask the phone %s as %s', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  it('should mask every email quoted in an error detail', () => {
    expect(maskEmailsIn('Unexpected "john@contoso.com" at position 14, near "jane.doe@fabrikam.org"')).toBe(
      'Unexpected "j***@c***.com" at position 14, near "j***@f***.org"',
    );
  });
});
