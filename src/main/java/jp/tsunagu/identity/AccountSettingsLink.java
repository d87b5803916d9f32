package jp.tsunagu.identity;

/**
 * Where a signed-in person manages how they sign in (passkeys, authenticator app): the embedded
 * provider's own page in the demo, the identity provider's account page in production when configured
 * ({@code TSUNAGU_IDENTITY_ACCOUNT_URL}). Without one, the portal shows no link.
 */
public record AccountSettingsLink(String url) {
}
