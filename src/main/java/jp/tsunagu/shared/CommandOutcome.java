package jp.tsunagu.shared;

import org.springframework.stereotype.Component;

/** The exit code a command-line run leaves for the application's main method. */
@Component
public class CommandOutcome {

    private volatile int exitCode;

    public int exitCode() {
        return exitCode;
    }

    public void fail() {
        exitCode = 1;
    }
}
