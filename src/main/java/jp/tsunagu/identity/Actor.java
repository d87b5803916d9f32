package jp.tsunagu.identity;

import java.util.Optional;

/**
 * The person signed in, as the identity provider vouches for them.
 *
 * @param subject the provider's stable id of the person ({@code sub})
 * @param displayName the name to greet them with
 * @param role what they do in the portal
 * @param organisation the organisation a clinician acts for, from the provider's claim
 */
public record Actor(String subject, String displayName, Role role, Optional<String> organisation) {
}
