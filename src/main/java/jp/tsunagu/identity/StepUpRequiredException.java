package jp.tsunagu.identity;

/** The act needs a recent sign-in ({@link StepUp}); the screen offers to sign in again. */
public class StepUpRequiredException extends RuntimeException {

    public StepUpRequiredException() {
        super("step-up.required");
    }
}
