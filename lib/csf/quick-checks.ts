import type { CsfFunction } from "./catalog";

/**
 * The seed's quick-check questions per function (DOMAIN.md), answered yes / partly / no with a note.
 * CSF 1.1 had no Govern function; its two questions are Clearline's, drawn from GV.RR and GV.PO.
 */
export const QUICK_CHECKS: Record<CsfFunction["id"], { key: string; question: string }[]> = {
  GV: [
    {
      key: "GV-1",
      question: "Are roles and responsibilities for medical device security (clinical engineering, IT, security) defined, communicated and signed off?",
    },
    { key: "GV-2", question: "Is there an approved device-security policy with risk acceptance criteria?" },
  ],
  ID: [
    { key: "ID-1", question: "Is there an accurate inventory of all medical devices and their software?" },
    { key: "ID-2", question: "Are cybersecurity procedures aligned across clinical engineering and IT?" },
  ],
  PR: [
    { key: "PR-1", question: "Is access to devices, physical and remote, protected?" },
    { key: "PR-2", question: "Are all users trained?" },
    { key: "PR-3", question: "Are access authorizations reviewed and managed?" },
  ],
  DE: [
    { key: "DE-1", question: "Are devices monitored for cybersecurity issues?" },
    { key: "DE-2", question: "Is personnel activity monitored?" },
  ],
  RS: [{ key: "RS-1", question: "Are response plans created, communicated, executed and maintained?" }],
  RC: [
    { key: "RC-1", question: "Do clinical engineering and IT undergo recovery planning, training and testing?" },
    { key: "RC-2", question: "Is there a strategy to repair reputation after an incident?" },
  ],
};
