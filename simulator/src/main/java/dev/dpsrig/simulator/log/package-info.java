/**
 * The simulator's request log ({@code dpsrig serve --log requests}): one line per HTTP request and per MQTT CONNECT,
 * PUBLISH and SUBSCRIBE, free of any web server or MQTT library, so that both front doors write it alike.
 */
package dev.dpsrig.simulator.log;
