package jp.tsunagu.shell;

import java.util.List;

/**
 * What a feature puts on the patient's マイページ, the start of everything: shortcuts to its screens,
 * with a count where something waits (unread notices, an invitation to answer). Features provide it as a
 * bean and the home collects every one, so the record module, which owns the home, needs none of the
 * modules above it.
 */
public interface HomeShortcuts {

    /** The signed-in patient's shortcuts, in the provider's own order. */
    List<Shortcut> forSignedInPatient();

    /**
     * One shortcut.
     *
     * @param id the DOM id
     * @param path the route, without a leading slash
     * @param labelKey its name in the message bundle
     * @param waiting how many things wait there for the patient (0: nothing to say)
     * @param waitingKey how the waiting count reads ({@code {0}} is the count), when there is one
     * @param order where it goes among all shortcuts (lower first)
     */
    record Shortcut(String id, String path, String labelKey, long waiting, String waitingKey, int order) {
    }
}
