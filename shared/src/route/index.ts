export { type AssignInput, chooseAssignee } from './assign';
export { emptyPeopleState, type PeopleState, recordAssignment } from './people';
export { type CompiledRoute, selectTeam } from './team';
