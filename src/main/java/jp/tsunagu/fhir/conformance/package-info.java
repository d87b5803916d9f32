/**
 * Conformance of incoming resources to the JP Core and JP-CLINS profiles the portal carries: {@link
 * jp.tsunagu.fhir.conformance.Conformance#check} gives the findings, the importer decides what they mean.
 */
@NullMarked
package jp.tsunagu.fhir.conformance;

import org.jspecify.annotations.NullMarked;
