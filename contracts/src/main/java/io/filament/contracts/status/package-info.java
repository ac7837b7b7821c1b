/**
 * The records of {@code filament.status.v1} (UVE state) and {@code filament.flows.v1} (flow records) as
 * {@code analytics-service/STATUS-FORMAT.md} defines them: one writer and one reader of each shape, shared by
 * every producer and by analytics, so that what a producer writes is exactly what analytics accepts.
 *
 * <ul>
 *   <li>{@link io.filament.contracts.status.StatusReport} / {@link io.filament.contracts.status.StatusFormat}:
 *       a source's state of one UVE, its JSON body and the checks analytics applies;</li>
 *   <li>{@link io.filament.contracts.status.FlowReport} / {@link io.filament.contracts.status.FlowFormat}:
 *       one flow record;</li>
 *   <li>{@link io.filament.contracts.status.StatusMessages}: key, CloudEvents headers and body of a Kafka
 *       record;</li>
 *   <li>{@link io.filament.contracts.status.UveMerge} / {@link io.filament.contracts.status.UveParts}: how the
 *       parts of several sources combine into one UVE.</li>
 * </ul>
 */
package io.filament.contracts.status;
