// Targets of a route on an area that an organisation answers for (the
// population of an area: issue 18): an area inside the actor's
// organisation's area (the area itself, its municipalities, their
// districts) and one outside it. Areas are public, so outside is 403.
export function areaOfOrganisationTargets(actor, fx) {
  const home = fx.organisations.find((o) => o.id === actor.organisation_id)?.area_id;
  const inside = (a) => a.id === home || a.parent_id === home || fx.areas.find((p) => p.id === a.parent_id)?.parent_id === home;
  const out = [{ relation: 'outside', params: { id: fx.areas.find((a) => !inside(a)).id } }];
  const own = fx.areas.find((a) => a.level === 'district' && inside(a));
  if (own) out.push({ relation: 'own', params: { id: own.id } });
  return out;
}
