export { type AssignInput, chooseAssignee } from './assign';
export { emptyPeopleState, type PeopleState, PeopleStateSchema, recordAssignment } from './people';
export { type CompiledRoute, selectTeam } from './team';
