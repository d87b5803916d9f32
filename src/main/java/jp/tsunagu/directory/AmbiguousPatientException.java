package jp.tsunagu.directory;

import java.util.Collection;

/** The identifiers given for one person belong to two or more patients in the directory. */
public class AmbiguousPatientException extends RuntimeException {

    public AmbiguousPatientException(Collection<Identifier> identifiers) {
        super("identifiers " + identifiers.stream().map(Identifier::system).toList() + " belong to different patients");
    }
}
