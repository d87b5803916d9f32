package jp.tsunagu.fhir;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The published JP example data beside the project (../shared); tests that need it skip without it. */
public final class Fixtures {

    public static final Path REFERRAL = Path.of("../shared/fixtures/jp-ereferral/Bundle-BundleReferralExample01.json");

    private Fixtures() {
    }

    public static byte[] referralLetter() throws IOException {
        assumeTrue(Files.isReadable(REFERRAL), "../shared/fixtures is not here (a user's clone): skipped");
        return Files.readAllBytes(REFERRAL);
    }
}
