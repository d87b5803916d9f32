package jp.tsunagu.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.microsoft.playwright.Page;

/**
 * Issue 17: no internal code reaches a person. Scans the rendered text of a page for runs of four or more
 * capitals and underscores (UNCONSCIOUS, JUSTIFIED, TRIAL_RECRUITMENT, …); the few shown on purpose are on
 * an explicit list.
 */
public final class NoInternalCodes {

    /**
     * Names shown on purpose, which people know or look up: the standard and file format a download names, the
     * accessibility standard the portal follows, the code systems a lab result's codes come from, and the virus
     * in SARS-CoV-2.
     */
    public static final Set<String> SHOWN_ON_PURPOSE = Set.of("FHIR", "JSON", "HPKI", "WCAG", "LOINC", "JLAC", "SARS");

    private static final Pattern CODE = Pattern.compile("[A-Z_]{4,}");

    private NoInternalCodes() {
    }

    public static List<String> in(String text) {
        List<String> found = new ArrayList<>();
        Matcher m = CODE.matcher(text);
        while (m.find()) {
            if (!SHOWN_ON_PURPOSE.contains(m.group())) {
                found.add(m.group());
            }
        }
        return found;
    }

    /** The page's visible text (the body's innerText, overlays included) has no internal code. */
    public static void assertNoneOn(Page page, String what) {
        String text = page.locator("body").innerText();
        assertThat(in(text)).as("internal codes on " + what + ":\n" + text).isEmpty();
    }
}
