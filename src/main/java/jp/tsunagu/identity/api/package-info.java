/** The FHIR API's door: bearer tokens of the hospital systems. */
@NullMarked
package jp.tsunagu.identity.api;

import org.jspecify.annotations.NullMarked;
