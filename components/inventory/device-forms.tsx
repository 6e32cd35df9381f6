"use client";

import { ActionForm, type FormAction } from "@/components/forms/action-form";
import { CheckboxField, SelectField, TextField } from "@/components/forms/fields";
import { DEVICE_STATUS_LABELS } from "./labels";

type Device = {
  id: number;
  serialNumber: string | null;
  location: string | null;
  status: string;
  storesPhi: boolean;
  softwareVersion: string | null;
  connected: boolean;
  hostname: string | null;
  ipAddress: string | null;
  macAddress: string | null;
  osName: string | null;
  osVersion: string | null;
};

/** Clinical Engineering's part of a device (facts, status, software). */
export function DeviceFactsForm({ action, device }: { action: FormAction; device: Device }) {
  return (
    <ActionForm action={action} submitLabel="Save device" ariaLabel="Edit device">
      <input type="hidden" name="id" value={device.id} />
      <input type="hidden" name="part" value="device" />
      <div className="grid gap-3 md:grid-cols-3">
        <TextField name="serialNumber" label="Serial number" defaultValue={device.serialNumber ?? ""} maxLength={200} />
        <TextField name="location" label="Location (department / room)" defaultValue={device.location ?? ""} maxLength={200} />
        <SelectField
          name="status"
          label="Status"
          defaultValue={device.status}
          options={Object.entries(DEVICE_STATUS_LABELS).map(([value, label]) => ({ value, label }))}
        />
        <TextField name="softwareVersion" label="Software / firmware version" defaultValue={device.softwareVersion ?? ""} maxLength={100} />
        <TextField name="workOrder" label="CMMS work order (optional)" maxLength={50} />
      </div>
      <CheckboxField name="storesPhi" label="Stores PHI" defaultChecked={device.storesPhi} />
    </ActionForm>
  );
}

/** IT Infrastructure's part of a device (network facts). */
export function DeviceNetworkForm({ action, device }: { action: FormAction; device: Device }) {
  return (
    <ActionForm action={action} submitLabel="Save network facts" ariaLabel="Edit network facts">
      <input type="hidden" name="id" value={device.id} />
      <input type="hidden" name="part" value="network" />
      <div className="grid gap-3 md:grid-cols-3">
        <TextField name="hostname" label="Hostname" defaultValue={device.hostname ?? ""} maxLength={253} />
        <TextField name="ipAddress" label="IP address" defaultValue={device.ipAddress ?? ""} maxLength={45} />
        <TextField name="macAddress" label="MAC address" defaultValue={device.macAddress ?? ""} maxLength={17} />
        <TextField name="osName" label="Operating system" defaultValue={device.osName ?? ""} maxLength={100} />
        <TextField name="osVersion" label="OS version" defaultValue={device.osVersion ?? ""} maxLength={100} />
        <TextField name="workOrder" label="Work order or ticket (optional)" maxLength={50} />
      </div>
      <CheckboxField name="connected" label="Connected to the network" defaultChecked={device.connected} />
    </ActionForm>
  );
}

type Model = {
  id: number;
  deviceClassId: number | null;
  modelNumber: string | null;
  fdaProductCode: string | null;
  mds2OnFile: boolean;
  mds2Date: string | null;
  endOfSale: string | null;
  endOfSupport: string | null;
  endOfSecurityPatches: string | null;
};

/** Class, FDA product code, MDS2 and the OEM's support dates of a model (Clinical Engineering). */
export function ModelForm({ action, model, classes }: { action: FormAction; model: Model; classes: { id: number; name: string; depth: number }[] }) {
  return (
    <ActionForm action={action} submitLabel="Save model" ariaLabel="Edit model">
      <input type="hidden" name="id" value={model.id} />
      <div className="grid gap-3 md:grid-cols-3">
        <SelectField
          name="deviceClassId"
          label="Device class"
          placeholder="— not classified —"
          defaultValue={model.deviceClassId ? String(model.deviceClassId) : ""}
          options={classes.map((c) => ({ value: String(c.id), label: `${"\u00a0\u00a0".repeat(c.depth)}${c.name}` }))}
        />
        <TextField name="modelNumber" label="Model number" defaultValue={model.modelNumber ?? ""} maxLength={100} />
        <TextField name="fdaProductCode" label="FDA product code" defaultValue={model.fdaProductCode ?? ""} maxLength={3} hint="Three letters, e.g. FRN" />
        <TextField name="endOfSale" type="date" label="End of sale" defaultValue={model.endOfSale ?? ""} />
        <TextField name="endOfSupport" type="date" label="End of support" defaultValue={model.endOfSupport ?? ""} />
        <TextField name="endOfSecurityPatches" type="date" label="End of security patches" defaultValue={model.endOfSecurityPatches ?? ""} />
        <TextField name="mds2Date" type="date" label="MDS2 form date" defaultValue={model.mds2Date ?? ""} />
      </div>
      <CheckboxField name="mds2OnFile" label="MDS2 form on file" defaultChecked={model.mds2OnFile} />
    </ActionForm>
  );
}
