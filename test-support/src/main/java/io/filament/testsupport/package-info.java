/** JUnit extensions giving integration tests the real local infrastructure. */
package io.filament.testsupport;
