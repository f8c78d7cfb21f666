/**
 * The DPS device API over MQTT: who may connect (the user name, the SAS token as password or the TLS client
 * certificate, made into the same {@link dev.dpsrig.simulator.dps.DeviceCredentials} the HTTPS routes pass), and
 * the register and operation-status topics, answered by the same domain calls and with the same JSON bodies as over
 * HTTPS, on {@code $dps/registrations/res/{status}/?$rid={rid}}.
 */
package dev.dpsrig.simulator.mqtt.dps;
