package jp.tsunagu.research;

import java.util.List;
import java.util.Optional;

/**
 * A definition the engine refuses, with a bundle key and its arguments, and for an imported file where
 * in it (a JSON pointer such as {@code /definition/all/2/lab}): the sponsor reads what to change.
 */
public class InvalidCriteriaException extends IllegalArgumentException {

    private final transient List<Object> arguments;
    private final @org.jspecify.annotations.Nullable String location;

    public InvalidCriteriaException(String key, Object... arguments) {
        this(key, null, List.of(arguments));
    }

    private InvalidCriteriaException(String key, @org.jspecify.annotations.Nullable String location,
            List<Object> arguments) {
        super(key);
        this.arguments = List.copyOf(arguments);
        this.location = location;
    }

    InvalidCriteriaException at(String where) {
        return location != null ? this : new InvalidCriteriaException(key(), where, arguments);
    }

    public String key() {
        return getMessage();
    }

    public Object[] arguments() {
        return arguments.toArray();
    }

    public Optional<String> location() {
        return Optional.ofNullable(location);
    }
}
