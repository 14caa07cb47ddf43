// What the cases feature offers other features: the tabs of the Cases place (the briefs list shows them).

export { CaseTabs } from './components/CaseTabs/index.jsx';
