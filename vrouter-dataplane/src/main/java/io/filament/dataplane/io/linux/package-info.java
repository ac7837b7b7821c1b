/** Linux system calls through the JDK's foreign function and memory API: TAP devices, raw fabric socket, poll. */
package io.filament.dataplane.io.linux;
