// What the account feature offers other features: the account section of the settings place.

export { AccountSettings } from './components/AccountSettings/index.jsx';
