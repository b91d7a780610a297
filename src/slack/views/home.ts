import { context, divider, header, section, type Block } from './text.js';

export interface HomeModel {
  isCoordinator: boolean;
  openProgrammes: number;
}

/** The App Home tab; participants' and coordinators' views grow from here. */
export function homeView(model: HomeModel): { type: 'home'; blocks: Block[] } {
  const blocks: Block[] = [
    header('Reverse mentoring'),
    section(
      'In reverse mentoring a junior colleague mentors a senior leader: digital fluency, social media, new technology, workplace culture and consumer insight flow upwards, while leadership and strategy flow back. Pairs meet every two to four weeks for six to twelve months.',
    ),
    divider(),
    section(
      model.openProgrammes > 0
        ? `${model.openProgrammes === 1 ? 'A programme is' : `${model.openProgrammes} programmes are`} open for signup: type \`/rm-join\` to take part.`
        : 'No programme is open for signup right now.',
    ),
  ];
  if (model.isCoordinator) blocks.push(divider(), context('You are a coordinator: `/rm-admin help` lists what you can do.'));
  return { type: 'home', blocks };
}
