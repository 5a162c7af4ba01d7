import { kernelFleetPart, type FleetHostPart } from '../../bench/fleet/host-part.js';
import { platformFleetPart } from '../platform/fleet-part.js';
import { nvmeFleetPart } from '../nvme/fleet-part.js';
import { mlx5FleetPart } from '../mlx5/fleet-part.js';
import { ataFleetPart } from '../ata/fleet-part.js';
import { cpuFleetPart } from '../cpu/fleet-part.js';

/**
 * The parts a synthetic fleet host is made of (bench/fleet/generate.ts), one line per class, in the order they draw
 * from the host's generator (changing it changes every fleet). The first part names the server.
 */
export const FLEET_PARTS: readonly FleetHostPart[] = [
  platformFleetPart,
  kernelFleetPart,
  nvmeFleetPart,
  mlx5FleetPart,
  ataFleetPart,
  cpuFleetPart,
];
