/**
 * Linux system calls through the JDK's foreign function and memory API: TAP devices, fabric UDP sockets, poll,
 * eventfd, entering network namespaces; rtnetlink messages in {@code netlink}.
 */
package io.filament.dataplane.io.linux;
