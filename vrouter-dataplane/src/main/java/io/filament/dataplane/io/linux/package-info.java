/** Linux system calls through the JDK's foreign function and memory API: TAP devices, fabric UDP sockets, poll. */
package io.filament.dataplane.io.linux;
